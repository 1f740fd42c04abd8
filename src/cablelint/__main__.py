from cablelint.cli import main

main()
